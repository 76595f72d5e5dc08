/* errata-live-traces-bar.c: "Receive Live Traces" on the Traces page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A switch that runs the OTLP receiver (src/core/receive) for the open
 * project, the endpoint to give the instrumented app, with a button to
 * copy it, and how many traces came in. Off by default; on or off is kept
 * per project (meta key live_traces), and so are the port and the idle
 * time set in its options popover (live_traces_port,
 * live_traces_idle_seconds). When traces are stored it activates
 * traces.live-traces-arrived: the page reloads its list without moving it.
 * A port in use is said in the bar, and the switch goes back off.
 * Turned off, the receiver stops without blocking: the bar says it is
 * storing the last traces, the switch waits, and the application is held
 * so that closing the window meanwhile loses nothing.
 */

#include "config.h"

#include <inttypes.h>

#include "errata-live-traces-bar.h"
#include "errata-live-traces-options.h"

#include "errata-otlp-receiver.h"

#include <glib/gi18n.h>

#define META_KEY "live_traces"
#define META_PORT "live_traces_port"
#define META_IDLE_SECONDS "live_traces_idle_seconds"

struct _ErrataLiveTracesBar
{
  GtkBox              parent_instance;

  GtkSwitch          *toggle;
  GtkWidget          *details;
  GtkLabel           *endpoint;
  GtkLabel           *count;
  GtkLabel           *waiting;   /* traces whose spans hold no conversation */
  GtkLabel           *problem;
  GtkWidget          *stopping_note;
  GtkWidget          *options_button;
  ErrataLiveTracesOptions *options;

  ErrataProject      *project;
  ErrataOtlpReceiver *receiver;
  ErrataOtlpReceiver *stopping;   /* turned off, storing its last traces */
  gboolean            start_when_stopped;
  guint               port;
  guint               idle_seconds;
  gboolean            setting;
};

G_DEFINE_FINAL_TYPE (ErrataLiveTracesBar, errata_live_traces_bar, GTK_TYPE_BOX)

/* Traces whose spans came without messages: without a word, a user of an
 * instrumentation that writes them as log events would see nothing
 * arrive and not know why. */
static void
update_waiting (ErrataLiveTracesBar *self,
                guint64              n_waiting)
{
  g_autofree char *text = NULL;

  if (n_waiting > 0)
    /* Translators: how many times received traces were built without a
     * conversation (their spans carried no messages): they are not in the
     * list until spans or log events with messages come. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " trace came without a conversation",
                                         "%" PRIu64 " traces came without a conversation", n_waiting),
                            n_waiting);
  gtk_label_set_text (self->waiting, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->waiting), n_waiting > 0);
}

static void
update_count (ErrataLiveTracesBar *self)
{
  ErrataOtlpReceiverCounts counts;
  g_autofree char *text = NULL;

  errata_otlp_receiver_get_counts (self->receiver, &counts);
  if (counts.traces_updated > 0)
    /* Translators: how many traces the live receiver stored since it was
     * turned on; the second number counts stored traces that later spans
     * completed. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " trace received, %" PRIu64 " updated",
                                         "%" PRIu64 " traces received, %" PRIu64 " updated",
                                         counts.traces_added),
                            counts.traces_added, counts.traces_updated);
  else
    /* Translators: how many traces the live receiver stored since it was
     * turned on. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " trace received",
                                         "%" PRIu64 " traces received", counts.traces_added),
                            counts.traces_added);
  gtk_label_set_text (self->count, text);
  update_waiting (self, counts.traces_without_conversation);
}

static void
on_traces_stored (ErrataLiveTracesBar *self)
{
  update_count (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "traces.live-traces-arrived", NULL);
}

static void
show_problem (ErrataLiveTracesBar *self,
              const char          *message)
{
  gtk_label_set_text (self->problem, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), message != NULL);
}

static void apply (ErrataLiveTracesBar *self, gboolean receiving);

static void
update_sensitive (ErrataLiveTracesBar *self)
{
  gboolean writable = self->project != NULL && !errata_project_is_read_only (self->project);

  gtk_widget_set_sensitive (GTK_WIDGET (self->toggle), writable && self->stopping == NULL);
  gtk_widget_set_sensitive (self->options_button, writable);
}

/* The bar may be gone by then (the window closed): a weak reference. */
static void
on_receiver_stopped (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(ErrataLiveTracesBar) self = g_weak_ref_get (weak);
  GApplication *application = g_application_get_default ();

  errata_otlp_receiver_stop_finish (ERRATA_OTLP_RECEIVER (source), result, NULL);
  g_weak_ref_clear (weak);
  g_free (weak);
  if (self != NULL && self->stopping == ERRATA_OTLP_RECEIVER (source))
    {
      g_clear_object (&self->stopping);
      gtk_widget_set_visible (self->stopping_note, FALSE);
      update_sensitive (self);
      /* The last traces are in: the list takes them. */
      gtk_widget_activate_action (GTK_WIDGET (self), "traces.live-traces-arrived", NULL);
      if (self->start_when_stopped)
        {
          self->start_when_stopped = FALSE;
          apply (self, TRUE);
        }
    }
  if (application != NULL)
    g_application_release (application);
}

static void
stop_receiver (ErrataLiveTracesBar *self)
{
  g_autoptr(ErrataOtlpReceiver) receiver = g_steal_pointer (&self->receiver);
  GApplication *application = g_application_get_default ();
  GWeakRef *weak;

  if (receiver == NULL)
    return;
  g_signal_handlers_disconnect_by_data (receiver, self);
  g_set_object (&self->stopping, receiver);
  gtk_widget_set_visible (self->stopping_note, TRUE);
  update_sensitive (self);
  /* Answering the requests in flight and storing the traces still
   * pending takes a second or two under a flood: the app stays until
   * then, even with its last window closed. */
  if (application != NULL)
    g_application_hold (application);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  errata_otlp_receiver_stop_async (receiver, on_receiver_stopped, weak);
}

static gboolean
start_receiver (ErrataLiveTracesBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *variable = NULL;

  self->receiver = errata_otlp_receiver_new (errata_project_get_file (self->project));
  errata_otlp_receiver_set_port (self->receiver, self->port);
  errata_otlp_receiver_set_idle_timeout (self->receiver, self->idle_seconds * 1000);
  if (!errata_otlp_receiver_start (self->receiver, &error))
    {
      g_autofree char *in_use = NULL;

      g_clear_object (&self->receiver);
      /* The core's message sends the user to errata-cli for another port;
       * here there is a place for it. */
      if (g_error_matches (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_PORT_IN_USE))
        in_use = g_strdup_printf (_("Port %u is in use: another program (an OpenTelemetry Collector, "
                                    "Phoenix, another Errata) is receiving traces there. Stop it, "
                                    "or choose another port in Receiving Options."), self->port);
      show_problem (self, in_use ? in_use : error->message);
      return FALSE;
    }
  endpoint = errata_otlp_receiver_dup_endpoint (self->receiver);
  variable = g_strconcat ("OTEL_EXPORTER_OTLP_ENDPOINT=", endpoint, NULL);
  gtk_label_set_text (self->endpoint, variable);
  g_signal_connect_object (self->receiver, "traces-stored", G_CALLBACK (on_traces_stored), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->receiver, "counts-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  update_count (self);
  show_problem (self, NULL);
  return TRUE;
}

static void
remember_number (ErrataLiveTracesBar *self,
                 const char          *key,
                 guint                value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("%u", value);

  if (errata_project_is_read_only (self->project))
    return;
  if (!errata_project_set_meta (self->project, key, text, &error))
    g_warning ("Could not remember a live traces option in the project: %s", error->message);
}

/* The project's value for `key`, if it is a whole number in [min, max]. */
static gboolean
remembered_number (ErrataProject *project,
                   const char    *key,
                   guint          min,
                   guint          max,
                   guint         *value)
{
  g_autofree char *text = errata_project_get_meta (project, key);
  guint64 number;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    return FALSE;
  *value = (guint)number;
  return TRUE;
}

/* Receiving starts again on the new values (after the old receiver has
 * stored its last traces and freed the port). */
static void
on_options_closed (ErrataLiveTracesBar *self)
{
  guint port = errata_live_traces_options_get_port (self->options);
  guint idle_seconds = errata_live_traces_options_get_idle_seconds (self->options);
  gboolean receiving = self->receiver != NULL || self->start_when_stopped;

  if (self->project == NULL || (port == self->port && idle_seconds == self->idle_seconds))
    return;
  self->port = port;
  self->idle_seconds = idle_seconds;
  remember_number (self, META_PORT, port);
  remember_number (self, META_IDLE_SECONDS, idle_seconds);
  show_problem (self, NULL);
  if (receiving)
    {
      stop_receiver (self);
      apply (self, TRUE);
    }
}

static void
remember (ErrataLiveTracesBar *self,
          gboolean             receiving)
{
  g_autoptr(GError) error = NULL;

  if (errata_project_is_read_only (self->project))
    return;
  if (!errata_project_set_meta (self->project, META_KEY, receiving ? "on" : "off", &error))
    g_warning ("Could not remember live traces in the project: %s", error->message);
}

static void
apply (ErrataLiveTracesBar *self,
       gboolean             receiving)
{
  gboolean running;

  if (self->project == NULL)
    return;
  self->start_when_stopped = FALSE;
  /* The port is the stopping receiver's until it has stopped. */
  if (receiving && self->receiver == NULL && self->stopping != NULL)
    {
      self->start_when_stopped = TRUE;
      running = FALSE;
    }
  else if (receiving && self->receiver == NULL)
    running = start_receiver (self);
  else
    {
      if (!receiving)
        stop_receiver (self);
      running = self->receiver != NULL;
    }
  /* A start that waits for the old receiver (new options, another
   * project) keeps the switch on: what the user asked for, in a moment. */
  self->setting = TRUE;
  gtk_switch_set_active (self->toggle, running || self->start_when_stopped);
  gtk_switch_set_state (self->toggle, running || self->start_when_stopped);
  self->setting = FALSE;
  gtk_widget_set_visible (self->details, running);
}

static gboolean
on_state_set (ErrataLiveTracesBar *self,
              gboolean             state)
{
  if (self->setting)
    return FALSE;
  errata_live_traces_bar_set_receiving (self, state);
  return TRUE;
}

static void
copy_endpoint (ErrataLiveTracesBar *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_text (self->endpoint));
}

void
errata_live_traces_bar_set_receiving (ErrataLiveTracesBar *self,
                                      gboolean             receiving)
{
  g_autoptr(ErrataLiveTracesBar) alive = NULL;

  g_return_if_fail (ERRATA_IS_LIVE_TRACES_BAR (self));

  alive = g_object_ref (self);
  /* Off is remembered before stopping: the window may close meanwhile. */
  if (!receiving && self->project != NULL)
    remember (self, FALSE);
  apply (self, receiving);
  if (receiving && self->project != NULL)
    remember (self, self->receiver != NULL);
}

gboolean
errata_live_traces_bar_get_receiving (ErrataLiveTracesBar *self)
{
  g_return_val_if_fail (ERRATA_IS_LIVE_TRACES_BAR (self), FALSE);
  return self->receiver != NULL;
}

void
errata_live_traces_bar_set_port (ErrataLiveTracesBar *self,
                                 guint                port)
{
  g_return_if_fail (ERRATA_IS_LIVE_TRACES_BAR (self));
  self->port = port;
  /* 0 (tests: any free port) is no port to show. */
  if (port > 0)
    errata_live_traces_options_set_port (self->options, port);
}

void
errata_live_traces_bar_set_project (ErrataLiveTracesBar *self,
                                    ErrataProject       *project)
{
  g_autofree char *remembered = NULL;

  g_return_if_fail (ERRATA_IS_LIVE_TRACES_BAR (self));
  g_return_if_fail (ERRATA_IS_PROJECT (project));

  stop_receiver (self);
  g_set_object (&self->project, project);
  remembered = errata_project_get_meta (project, META_KEY);
  if (!remembered_number (project, META_PORT, ERRATA_LIVE_TRACES_MIN_PORT, 65535, &self->port))
    self->port = ERRATA_OTLP_DEFAULT_PORT;
  if (!remembered_number (project, META_IDLE_SECONDS, 1, 3600, &self->idle_seconds))
    self->idle_seconds = ERRATA_OTLP_DEFAULT_IDLE_MS / 1000;
  errata_live_traces_options_set_port (self->options, self->port);
  errata_live_traces_options_set_idle_seconds (self->options, self->idle_seconds);
  update_sensitive (self);
  apply (self, g_strcmp0 (remembered, "on") == 0 && !errata_project_is_read_only (project));
}

static void
errata_live_traces_bar_dispose (GObject *object)
{
  ErrataLiveTracesBar *self = ERRATA_LIVE_TRACES_BAR (object);

  /* Stops without the bar: what was received is still stored. */
  stop_receiver (self);
  g_clear_object (&self->stopping);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (errata_live_traces_bar_parent_class)->dispose (object);
}

static void
errata_live_traces_bar_class_init (ErrataLiveTracesBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = errata_live_traces_bar_dispose;
}

static void
errata_live_traces_bar_init (ErrataLiveTracesBar *self)
{
  GtkWidget *label;
  GtkWidget *copy;
  GtkWidget *spinner;

  self->port = ERRATA_OTLP_DEFAULT_PORT;
  self->idle_seconds = ERRATA_OTLP_DEFAULT_IDLE_MS / 1000;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "toolbar");

  self->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->toggle), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->toggle, "state-set", G_CALLBACK (on_state_set), self);
  label = gtk_label_new_with_mnemonic (_("_Receive Live Traces"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->toggle));
  gtk_widget_set_tooltip_text (label, _("Receive traces from an app instrumented with "
                                        "OpenTelemetry (OTLP over HTTP) while it runs"));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->toggle));
  gtk_box_append (GTK_BOX (self), label);

  self->details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->endpoint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->endpoint, TRUE);
  gtk_label_set_ellipsize (self->endpoint, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->endpoint), "monospace");
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (copy, _("Copy the setting for the app’s environment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy endpoint"), -1);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (copy_endpoint), self);
  self->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "dim-label");
  gtk_box_append (GTK_BOX (self->details), GTK_WIDGET (self->endpoint));
  gtk_box_append (GTK_BOX (self->details), copy);
  gtk_box_append (GTK_BOX (self->details), GTK_WIDGET (self->count));
  self->waiting = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_margin_start (GTK_WIDGET (self->waiting), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->waiting), "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->waiting),
                               _("Their spans carried no messages. Some instrumentations write the "
                                 "messages as log events: have the app export its logs to the same "
                                 "endpoint too, and these traces are built again when the logs arrive."));
  gtk_widget_set_visible (GTK_WIDGET (self->waiting), FALSE);
  gtk_box_append (GTK_BOX (self->details), GTK_WIDGET (self->waiting));
  gtk_widget_set_visible (self->details, FALSE);
  gtk_box_append (GTK_BOX (self), self->details);

  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->problem), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->problem));

  self->stopping_note = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (self->stopping_note), spinner);
  label = gtk_label_new (_("Storing the last traces received…"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (self->stopping_note), label);
  gtk_widget_set_visible (self->stopping_note, FALSE);
  gtk_box_append (GTK_BOX (self), self->stopping_note);

  self->options = ERRATA_LIVE_TRACES_OPTIONS (errata_live_traces_options_new ());
  errata_live_traces_options_set_port (self->options, self->port);
  errata_live_traces_options_set_idle_seconds (self->options, self->idle_seconds);
  g_signal_connect_swapped (self->options, "closed", G_CALLBACK (on_options_closed), self);
  self->options_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->options_button), "emblem-system-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->options_button), GTK_WIDGET (self->options));
  gtk_widget_set_tooltip_text (self->options_button, _("Receiving Options"));
  gtk_widget_add_css_class (self->options_button, "flat");
  gtk_widget_set_valign (self->options_button, GTK_ALIGN_CENTER);
  /* At the end of the bar, whatever it shows. */
  gtk_widget_set_hexpand (self->options_button, TRUE);
  gtk_widget_set_halign (self->options_button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (self), self->options_button);
}

GtkWidget *
errata_live_traces_bar_new (void)
{
  return g_object_new (ERRATA_TYPE_LIVE_TRACES_BAR, NULL);
}
