/* errata-llm-preferences-page.c
 *
 * Provider, base URL and model apply as they are typed, like the rest of
 * GNOME's preferences; the API key does not: it goes to the keyring only
 * when applied, and never into GSettings. A key typed but not yet applied
 * is what Test connection uses, so a user can try a key before keeping
 * it. Test connection makes a single request without retries, so a wrong
 * key costs one 401, not a storm of them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-llm-preferences-page.h"
#include "errata-llm-error-words.h"
#include "errata-llm-keys.h"
#include "errata-llm-settings.h"

/* Longer waits belong to judges on slow models, not to "does it work?". */
#define TEST_TIMEOUT_SECONDS 30

struct _ErrataLlmPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GCancellable       *key_cancellable;
  GCancellable       *test_cancellable;
  char               *provider;        /* what the combo showed last */
  guint               key_status_id;   /* debounce */

  AdwComboRow        *provider_row;
  AdwEntryRow        *base_url_row;
  AdwEntryRow        *model_row;
  GtkMenuButton      *models_button;
  GtkListBox         *models_list;
  AdwPasswordEntryRow *key_row;
  AdwActionRow       *key_status_row;
  GtkButton          *forget_button;
  GtkSpinButton      *concurrency_spin;
  GtkSpinButton      *rpm_spin;
  GtkSpinButton      *timeout_spin;
  AdwActionRow       *test_row;
  GtkImage           *test_icon;
  GtkSpinner         *test_spinner;
  GtkButton          *test_button;
};

G_DEFINE_FINAL_TYPE (ErrataLlmPreferencesPage, errata_llm_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh_key_status (ErrataLlmPreferencesPage *self);

/* ---- settings -------------------------------------------------------- */

static gboolean
provider_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  data)
{
  g_value_set_uint (value, errata_llm_settings_provider_index (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
provider_set_mapping (const GValue       *value,
                      const GVariantType *type,
                      gpointer            data)
{
  guint index = g_value_get_uint (value);

  if (index >= ERRATA_LLM_N_PROVIDERS)
    return NULL;
  return g_variant_new_string (errata_llm_settings_provider_at (index));
}

static char *
dup_provider (ErrataLlmPreferencesPage *self)
{
  return g_settings_get_string (self->settings, "llm-provider");
}

static gboolean
is_a_default (const char *text,
              gboolean    url)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  for (guint i = 0; i < ERRATA_LLM_N_PROVIDERS; i++)
    {
      const char *name = errata_llm_settings_provider_at (i);
      const char *value = url ? errata_llm_settings_default_base_url (name)
                              : errata_llm_settings_default_model (name);

      if (g_str_equal (text, value))
        return TRUE;
    }
  return FALSE;
}

/* A new provider brings its own URL and model, unless the user typed
 * their own: those are kept. */
static void
prefill_for_provider (ErrataLlmPreferencesPage *self,
                      const char               *provider)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "llm-base-url");
  g_autofree char *model = g_settings_get_string (self->settings, "llm-model");
  const char *default_model = errata_llm_settings_default_model (provider);

  if (is_a_default (g_strstrip (base_url), TRUE))
    g_settings_set_string (self->settings, "llm-base-url",
                           errata_llm_settings_default_base_url (provider));
  if (is_a_default (g_strstrip (model), FALSE) && *default_model != '\0')
    g_settings_set_string (self->settings, "llm-model", default_model);
}

static void
clear_models (ErrataLlmPreferencesPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->models_list))) != NULL)
    gtk_list_box_remove (self->models_list, row);
  gtk_widget_set_sensitive (GTK_WIDGET (self->models_button), FALSE);
}

static void set_testing (ErrataLlmPreferencesPage *self,
                         gboolean                  testing);

/* The keyring lookups report a cancel as "no key": ask the task. */
static gboolean
is_stale (GAsyncResult *result)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void
reset_test_row (ErrataLlmPreferencesPage *self)
{
  g_cancellable_cancel (self->test_cancellable);
  set_testing (self, FALSE);
  adw_action_row_set_subtitle (self->test_row,
                               _("Asks the provider for its models with these settings"));
  gtk_button_set_label (self->test_button, _("_Test"));
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
}

static void
on_provider_changed (GSettings                *settings,
                     const char               *key,
                     ErrataLlmPreferencesPage *self)
{
  g_autofree char *provider = dup_provider (self);

  if (g_strcmp0 (provider, self->provider) == 0)
    return;
  g_free (self->provider);
  self->provider = g_steal_pointer (&provider);
  prefill_for_provider (self, self->provider);
  clear_models (self);
  reset_test_row (self);
  refresh_key_status (self);
}

static gboolean
on_key_status_timeout (gpointer data)
{
  ErrataLlmPreferencesPage *self = data;

  self->key_status_id = 0;
  refresh_key_status (self);
  return G_SOURCE_REMOVE;
}

/* Keys belong to a provider and URL: typing a URL changes which key
 * applies, looked up once the typing pauses. */
static void
on_base_url_changed (GSettings                *settings,
                     const char               *key,
                     ErrataLlmPreferencesPage *self)
{
  g_clear_handle_id (&self->key_status_id, g_source_remove);
  self->key_status_id = g_timeout_add (300, on_key_status_timeout, self);
  clear_models (self);
}

static void
bind_settings (ErrataLlmPreferencesPage *self)
{
  g_settings_bind_with_mapping (self->settings, "llm-provider", self->provider_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, provider_get_mapping,
                                provider_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "llm-base-url", self->base_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "llm-model", self->model_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "llm-concurrency", self->concurrency_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "llm-requests-per-minute", self->rpm_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "llm-timeout-seconds", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  self->provider = dup_provider (self);
  g_signal_connect_object (self->settings, "changed::llm-provider",
                           G_CALLBACK (on_provider_changed), self, 0);
  g_signal_connect_object (self->settings, "changed::llm-base-url",
                           G_CALLBACK (on_base_url_changed), self, 0);
}

/* ---- the key --------------------------------------------------------- */

static char *
dup_base_url (ErrataLlmPreferencesPage *self)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "llm-base-url");

  return g_strdup (g_strstrip (base_url));
}

static void
set_key_status (ErrataLlmPreferencesPage *self,
                const char               *status,
                gboolean                  removable)
{
  adw_action_row_set_subtitle (self->key_status_row, status);
  gtk_widget_set_visible (GTK_WIDGET (self->forget_button), removable);
}

static void
on_key_looked_up (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *env_status = NULL;
  const GError *keyring_error;
  ErrataLlmKeySource source_kind;

  key = errata_llm_keys_lookup_finish (result, &source_kind, &error);
  if (is_stale (result))
    return;

  switch (source_kind)
    {
    case ERRATA_LLM_KEY_SOURCE_KEYRING:
      set_key_status (self, _("Stored in the keyring"), TRUE);
      break;
    case ERRATA_LLM_KEY_SOURCE_ENVIRONMENT:
      /* Translators: %s is an environment variable, such as OPENAI_API_KEY. */
      env_status = g_strdup_printf (_("From %s"), errata_llm_keys_env_var (self->provider));
      set_key_status (self, env_status, FALSE);
      break;
    case ERRATA_LLM_KEY_SOURCE_NONE:
    default:
      keyring_error = errata_llm_keys_lookup_get_keyring_error (result);
      if (g_str_equal (self->provider, "ollama"))
        set_key_status (self, _("Not set (a local Ollama server needs none)"), FALSE);
      else if (keyring_error != NULL && errata_llm_keys_env_var (self->provider) != NULL)
        {
          /* No keyring (an ssh session, a container): the environment
           * variable is the way, so say so before the user types a key
           * that cannot be kept. */
          g_autofree char *words = errata_llm_keyring_error_to_words (keyring_error);

          set_key_status (self, words, FALSE);
        }
      else
        set_key_status (self, _("Not set"), FALSE);
      break;
    }
}

static void
refresh_key_status (ErrataLlmPreferencesPage *self)
{
  g_autofree char *base_url = dup_base_url (self);

  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  self->key_cancellable = g_cancellable_new ();
  errata_llm_keys_lookup_async (self->provider, base_url, self->key_cancellable,
                                on_key_looked_up, g_object_ref (self));
}

static void
on_key_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (is_stale (result))
    return;
  if (errata_llm_keys_store_finish (result, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      refresh_key_status (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = errata_llm_keyring_error_to_words (error);
  set_key_status (self, message, FALSE);
}

static void
on_key_apply (ErrataLlmPreferencesPage *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *base_url = dup_base_url (self);

  if (*key == '\0')
    return;
  errata_llm_keys_store_async (self->provider, base_url, key, self->key_cancellable,
                               on_key_stored, g_object_ref (self));
}

static void
on_key_forgotten (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (is_stale (result))
    return;
  if (errata_llm_keys_clear_finish (result, &error))
    refresh_key_status (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      message = errata_llm_keyring_error_to_words (error);
      set_key_status (self, message, TRUE);
    }
}

static void
on_forget_clicked (ErrataLlmPreferencesPage *self)
{
  g_autofree char *base_url = dup_base_url (self);

  errata_llm_keys_clear_async (self->provider, base_url, self->key_cancellable,
                               on_key_forgotten, g_object_ref (self));
}

/* ---- test connection ------------------------------------------------- */

static void
set_testing (ErrataLlmPreferencesPage *self,
             gboolean                  testing)
{
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !testing);
  if (testing)
    gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
}

static void
show_test_result (ErrataLlmPreferencesPage *self,
                  gboolean                  ok,
                  const char               *text)
{
  set_testing (self, FALSE);
  /* After a failure the same button tries again, once the server runs
   * or the key is fixed. */
  gtk_button_set_label (self->test_button, ok ? _("_Test") : _("_Retry"));
  adw_action_row_set_subtitle (self->test_row, text);
  gtk_image_set_from_icon_name (self->test_icon, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), ok ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ok ? _("Connected") : _("Failed"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
}

/* The words Suggest Groupings uses for the same failure. */
static char *
describe_test_error (const GError            *error,
                     const ErrataLlmProvider *provider)
{
  return errata_llm_error_to_words (error, provider);
}

static GtkWidget *
model_row_new (const char *name)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "model", g_strdup (name), g_free);
  return row;
}

static void
show_models (ErrataLlmPreferencesPage *self,
             const ErrataLlmProvider  *provider,
             GStrv                     models)
{
  g_autofree char *text = NULL;
  guint n = g_strv_length (models);

  clear_models (self);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->models_list, model_row_new (models[i]));
  gtk_widget_set_sensitive (GTK_WIDGET (self->models_button), n > 0);

  if (n > 0 && !g_strv_contains ((const char * const *) models, provider->model))
    /* Translators: %u models, then the configured model's name. */
    text = g_strdup_printf (ngettext ("Connected. The server offers %u model, but not “%s”: pick one from the list.",
                                      "Connected. The server offers %u models, but not “%s”: pick one from the list.",
                                      n), n, provider->model);
  else
    text = g_strdup_printf (ngettext ("Connected. The server offers %u model.",
                                      "Connected. The server offers %u models.", n), n);
  show_test_result (self, TRUE, text);
}

static void
on_model_activated (ErrataLlmPreferencesPage *self,
                    GtkListBoxRow            *row)
{
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), g_object_get_data (G_OBJECT (row), "model"));
  gtk_menu_button_popdown (self->models_button);
}

static void
on_ping_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  ErrataLlmClient *client = ERRATA_LLM_CLIENT (source);
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  reply = errata_llm_client_complete_finish (client, result, &error);
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      text = describe_test_error (error, errata_llm_client_get_provider (client));
      show_test_result (self, FALSE, text);
      return;
    }
  /* Translators: %s is the model that answered. */
  text = g_strdup_printf (_("Connected. The server has no model list, but “%s” answered."),
                          reply->model != NULL ? reply->model : errata_llm_client_get_provider (client)->model);
  show_test_result (self, TRUE, text);
}

/* Servers without a model list (some proxies) get one tiny completion. */
static void
ping_with_completion (ErrataLlmPreferencesPage *self,
                      ErrataLlmClient          *client)
{
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();

  errata_llm_request_add_message (request, "user", "Reply with the word OK.");
  errata_llm_request_set_max_tokens (request, 5);
  errata_llm_client_complete_async (client, request, self->test_cancellable, on_ping_done,
                                    g_object_ref (self));
}

static void
on_models_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  ErrataLlmClient *client = ERRATA_LLM_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = NULL;
  g_autofree char *text = NULL;

  models = errata_llm_client_list_models_finish (client, result, &error);
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED) ||
      g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY))
    ping_with_completion (self, client);
  else if (models == NULL)
    {
      text = describe_test_error (error, errata_llm_client_get_provider (client));
      show_test_result (self, FALSE, text);
    }
  else
    show_models (self, errata_llm_client_get_provider (client), models);
}

static void
test_with_key (ErrataLlmPreferencesPage *self,
               const char               *key)
{
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  provider = errata_llm_settings_build_provider (self->settings, key, &error);
  if (provider == NULL)
    {
      text = describe_test_error (error, NULL);
      show_test_result (self, FALSE, text);
      return;
    }
  /* OpenAI or Anthropic without a key would only answer 401. */
  error = errata_llm_error_check_key (provider);
  if (error != NULL)
    {
      text = describe_test_error (error, provider);
      show_test_result (self, FALSE, text);
      return;
    }
  provider->max_attempts = 1;
  provider->timeout_seconds = MIN (MAX (provider->timeout_seconds, 1), TEST_TIMEOUT_SECONDS);
  client = errata_llm_client_new (provider);
  errata_llm_client_list_models_async (client, self->test_cancellable, on_models_listed,
                                       g_object_ref (self));
}

static void
on_test_key_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(ErrataLlmPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = errata_llm_keys_lookup_finish (result, NULL, &error);

  if (is_stale (result))
    return;
  test_with_key (self, key);
}

static void
on_test_clicked (ErrataLlmPreferencesPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *base_url = dup_base_url (self);

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();
  set_testing (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));

  if (*typed != '\0')
    test_with_key (self, typed);
  else
    errata_llm_keys_lookup_async (self->provider, base_url, self->test_cancellable,
                                  on_test_key_found, g_object_ref (self));
}

/* ---- GObject --------------------------------------------------------- */

static void
errata_llm_preferences_page_dispose (GObject *object)
{
  ErrataLlmPreferencesPage *self = ERRATA_LLM_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->key_cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_handle_id (&self->key_status_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_LLM_PREFERENCES_PAGE);
  g_clear_object (&self->key_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->provider, g_free);

  G_OBJECT_CLASS (errata_llm_preferences_page_parent_class)->dispose (object);
}

static void
errata_llm_preferences_page_class_init (ErrataLlmPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_llm_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-llm-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, models_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, models_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, forget_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, rpm_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, test_icon);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ErrataLlmPreferencesPage, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_model_activated);
}

static void
errata_llm_preferences_page_init (ErrataLlmPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Server replies and user text are not markup. */
  adw_action_row_set_subtitle_lines (self->test_row, 0);
  self->settings = g_settings_new (APP_ID);
  self->key_cancellable = g_cancellable_new ();
  self->test_cancellable = g_cancellable_new ();
  bind_settings (self);
  refresh_key_status (self);
}

AdwPreferencesPage *
errata_llm_preferences_page_new (void)
{
  return g_object_new (ERRATA_TYPE_LLM_PREFERENCES_PAGE, NULL);
}

/* For tests and for a window that wants to wait: a test is running. */
gboolean
errata_llm_preferences_page_is_testing (ErrataLlmPreferencesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_PREFERENCES_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->test_spinner));
}
