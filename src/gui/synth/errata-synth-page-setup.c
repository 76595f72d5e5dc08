/* errata-synth-page-setup.c: the Synthetic Data page's editors: the
 * dimensions as JSON, the target's Save and Test (its form is in
 * errata-synth-page-target.c), the keyring's secrets.
 *
 * A target typed here is its author's: saving (or testing) it grants this
 * machine's trust to its command, as creating a command evaluator does; a
 * target that came with the project runs only once trusted.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>

#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-secrets.h"
#include "errata-synth-target.h"

#define RAW_SHOWN 2000

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_json (GtkTextView *view,
                 JsonNode    *node)
{
  g_autofree char *text = node != NULL ? json_to_string (node, TRUE) : g_strdup ("");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

void
_errata_synth_page_load_editors (ErrataSynthPage *self)
{
  ErrataProject *project = _errata_synth_page_get_project (self);
  g_autoptr(GPtrArray) dimensions = errata_synth_dimensions_load (project, NULL);
  g_autoptr(ErrataSynthTarget) target = errata_synth_target_load (project, NULL);
  g_autoptr(JsonNode) dims = dimensions != NULL && dimensions->len > 0
                             ? errata_synth_dimensions_to_json (dimensions) : NULL;

  set_buffer_json (self->dimensions_view, dims);
  _errata_synth_page_show_target (self, target != NULL
                                        ? errata_synth_target_get_definition (target) : NULL);
}

static void
save_dimensions_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autofree char *text = buffer_text (self->dimensions_view);
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  dimensions = errata_synth_dimensions_from_json (text, -1, &error);
  if (dimensions == NULL
      || !errata_synth_dimensions_save (_errata_synth_page_get_project (self), dimensions, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  /* Translators: "Saved 3 dimensions: 45 combinations." */
  message = g_strdup_printf (_("Saved %u dimensions: %" PRIu64 " combinations."),
                             dimensions->len, errata_synth_dimensions_n_combinations (dimensions));
  _errata_synth_page_say (self, message);
  errata_synth_page_reload (self);
}

/* The target as typed, trusted as its author's. */
static ErrataSynthTarget *
typed_target (ErrataSynthPage  *self,
              GError          **error)
{
  g_autofree char *text = _errata_synth_page_dup_target_text (self, error);
  g_autofree char *project_id = errata_project_get_meta (_errata_synth_page_get_project (self),
                                                         "project_id");
  g_autoptr(ErrataSynthTarget) target = NULL;

  if (text == NULL)
    return NULL;
  target = errata_synth_target_new_from_text (text, project_id != NULL ? project_id : "", error);
  if (target == NULL || !errata_synth_target_grant_trust (target, error))
    return NULL;
  return g_steal_pointer (&target);
}

static void
save_target_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GError) error = NULL;

  target = typed_target (self, &error);
  if (target == NULL
      || !errata_synth_target_store (target, _errata_synth_page_get_project (self), &error))
    {
      gtk_label_set_text (self->test_label, error->message);
      return;
    }
  /* What was saved is what the form shows from now on (and what Edit as
   * JSON shows), members the form has no field for included. */
  _errata_synth_page_show_target (self, errata_synth_target_get_definition (target));
  gtk_label_set_text (self->test_label, _("Target saved."));
}

/* A model that answers with tool calls may say nothing else: name them. */
static char *
tool_calls_text (ErrataSynthReply *reply)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = reply->messages != NULL ? json_array_get_length (reply->messages) : 0;
  JsonObject *last = n > 0 ? json_array_get_object_element (reply->messages, n - 1) : NULL;
  JsonArray *calls = last != NULL && json_object_has_member (last, "tool_calls")
                     ? json_object_get_array_member (last, "tool_calls") : NULL;

  for (guint i = 0; calls != NULL && i < json_array_get_length (calls); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            json_object_get_string_member_with_default (
                              json_array_get_object_element (calls, i), "name", "?"));
  if (names->len == 0)
    return NULL;
  /* Translators: after a Test's reply: the tools the model asked to call. */
  return g_strdup_printf (_(" (tool calls: %s)"), names->str);
}

static void
on_test_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ErrataSynthPage) self = user_data;
  g_autoptr(ErrataSynthReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  reply = errata_synth_target_call_finish (ERRATA_SYNTH_TARGET (source), result, &error);
  g_clear_object (&self->test_cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (reply == NULL)
    text = g_strdup (error->message);
  else
    {
      g_autofree char *calls = tool_calls_text (reply);

      /* Translators: the reply a Test got, then the raw text it came in. */
      text = g_strdup_printf (_("Reply: %s%s\n\nRaw (%.0f ms): %.*s"), reply->text,
                              calls != NULL ? calls : "", reply->latency_ms, RAW_SHOWN,
                              reply->raw != NULL ? reply->raw : "");
    }
  gtk_label_set_text (self->test_label, text);
}

static void
test_target_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthQuery *query;

  if (self->test_cancellable != NULL)
    return;
  queries = errata_synth_queries_list (_errata_synth_page_get_project (self),
                                       ERRATA_SYNTH_LIST_ACCEPTED, &error);
  target = queries != NULL ? typed_target (self, &error) : NULL;
  if (target == NULL)
    {
      gtk_label_set_text (self->test_label, error->message);
      return;
    }
  if (queries->len == 0)
    {
      gtk_label_set_text (self->test_label, _("Accept a query first: Test sends the first one."));
      return;
    }
  query = g_ptr_array_index (queries, 0);
  self->test_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->test_label, _("Sending the first accepted query…"));
  /* No consent asked: a synthetic query, not trace text (see run_action). */
  errata_synth_target_call_async (target, query->text, query->dimensions, self->test_cancellable,
                                  on_test_reply, g_object_ref (self));
}

typedef struct
{
  ErrataSynthPage *self;
  char            *name;
} StoringSecret;

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StoringSecret *storing = user_data;
  g_autoptr(ErrataSynthPage) self = storing->self;
  g_autofree char *name = storing->name;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (storing);
  if (!errata_synth_secret_store_finish (result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->secret_cancellable);
  if (error != NULL)
    text = g_strdup_printf (_("The keyring could not store it: %s"), error->message);
  else
    /* Translators: {{secret.%s}} is literal, what a target writes. */
    text = g_strdup_printf (_("Stored the secret “%s” in the keyring; a target uses it as "
                              "“{{secret.%s}}”."), name, name);
  gtk_label_set_text (self->test_label, text);
}

/* The value goes to the keyring only: the project keeps the name a target
 * writes, and the entry is emptied at once. */
static void
store_secret_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  const char *name = gtk_editable_get_text (self->secret_name_entry);
  const char *value = gtk_editable_get_text (self->secret_value_entry);
  StoringSecret *storing;

  if (self->secret_cancellable != NULL)
    return;
  if (!errata_synth_secret_name_is_valid (name))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a secret’s name: use letters, "
                                                 "digits, “-”, “_” and “.”, at most 64"), name);

      gtk_label_set_text (self->test_label, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_name_entry));
      return;
    }
  if (*value == '\0')
    {
      gtk_label_set_text (self->test_label, _("Type the secret’s value first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_value_entry));
      return;
    }
  storing = g_new0 (StoringSecret, 1);
  storing->self = g_object_ref (self);
  storing->name = g_strdup (name);
  self->secret_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->test_label, _("Storing the secret in the keyring…"));
  errata_synth_secret_store_async (name, value, self->secret_cancellable, on_secret_stored,
                                   storing);
  gtk_editable_set_text (self->secret_value_entry, "");
}

void
_errata_synth_page_class_add_setup (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "synth.save-dimensions", NULL,
                                   save_dimensions_action);
  gtk_widget_class_install_action (widget_class, "synth.save-target", NULL, save_target_action);
  gtk_widget_class_install_action (widget_class, "synth.test-target", NULL, test_target_action);
  gtk_widget_class_install_action (widget_class, "synth.store-secret", NULL,
                                   store_secret_action);
}
