/* errata-live-traces-options.c: the port and the idle time of live traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The popover of the live traces bar's options button. It only holds the
 * two values; the bar reads them when the popover closes, remembers them
 * in the project and restarts receiving on them. Without it, a user whose
 * port 4318 was taken (an OpenTelemetry Collector, Phoenix) could receive
 * only from errata-cli.
 */

#include "config.h"

#include "errata-live-traces-options.h"

#include <glib/gi18n.h>

struct _ErrataLiveTracesOptions
{
  GtkPopover     parent_instance;

  GtkSpinButton *port;
  GtkSpinButton *idle_seconds;
};

G_DEFINE_FINAL_TYPE (ErrataLiveTracesOptions, errata_live_traces_options, GTK_TYPE_POPOVER)

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static GtkSpinButton *
whole_number_field (double min,
                    double max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_halign (spin, GTK_ALIGN_START);
  return GTK_SPIN_BUTTON (spin);
}

static void
errata_live_traces_options_init (ErrataLiveTracesOptions *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *title = gtk_label_new (_("Receiving Options"));
  GtkWidget *seconds = gtk_label_new (_("seconds"));
  GtkWidget *note;

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_grid_attach (grid, title, 0, 0, 3, 1);

  self->port = whole_number_field (ERRATA_LIVE_TRACES_MIN_PORT, 65535);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->port),
                               _("OTLP over HTTP’s own is 4318; another one when that is taken"));
  gtk_grid_attach (grid, field_label (_("_Port"), GTK_WIDGET (self->port)), 0, 1, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->port), 1, 1, 2, 1);

  self->idle_seconds = whole_number_field (1, 3600);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->idle_seconds),
                               _("A trace whose root span has not come is built after this many "
                                 "seconds without a new span"));
  gtk_grid_attach (grid, field_label (_("_Wait for a root span"), GTK_WIDGET (self->idle_seconds)),
                   0, 2, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->idle_seconds), 1, 2, 1, 1);
  gtk_label_set_xalign (GTK_LABEL (seconds), 0);
  gtk_grid_attach (grid, seconds, 2, 2, 1, 1);

  note = gtk_label_new (_("Changed while receiving, receiving starts again with them; "
                          "nothing received is lost."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_grid_attach (grid, note, 0, 3, 3, 1);

  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (grid));
}

static void
errata_live_traces_options_class_init (ErrataLiveTracesOptionsClass *klass)
{
}

GtkWidget *
errata_live_traces_options_new (void)
{
  return g_object_new (ERRATA_TYPE_LIVE_TRACES_OPTIONS, NULL);
}

void
errata_live_traces_options_set_port (ErrataLiveTracesOptions *self,
                                     guint                    port)
{
  g_return_if_fail (ERRATA_IS_LIVE_TRACES_OPTIONS (self));
  gtk_spin_button_set_value (self->port, port);
}

guint
errata_live_traces_options_get_port (ErrataLiveTracesOptions *self)
{
  g_return_val_if_fail (ERRATA_IS_LIVE_TRACES_OPTIONS (self), 0);
  /* What was typed, even without Enter. */
  gtk_spin_button_update (self->port);
  return (guint)gtk_spin_button_get_value_as_int (self->port);
}

void
errata_live_traces_options_set_idle_seconds (ErrataLiveTracesOptions *self,
                                             guint                    seconds)
{
  g_return_if_fail (ERRATA_IS_LIVE_TRACES_OPTIONS (self));
  gtk_spin_button_set_value (self->idle_seconds, seconds);
}

guint
errata_live_traces_options_get_idle_seconds (ErrataLiveTracesOptions *self)
{
  g_return_val_if_fail (ERRATA_IS_LIVE_TRACES_OPTIONS (self), 0);
  gtk_spin_button_update (self->idle_seconds);
  return (guint)gtk_spin_button_get_value_as_int (self->idle_seconds);
}
