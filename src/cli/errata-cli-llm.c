/* errata-cli-llm.c: `errata-cli llm ping` checks that the configured
 * provider answers; `errata-cli llm complete` sends stdin as a prompt and
 * prints the reply. Defaults come from GSettings, the key from the
 * keyring or OPENAI_API_KEY / ANTHROPIC_API_KEY.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-llm.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <unistd.h>

#include "errata-llm-client.h"
#include "errata-llm-keys.h"

enum {
  EXIT_OK = 0,
  EXIT_LLM = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char     *provider;
  char     *base_url;
  char     *model;
  char     *prices;
  guint     concurrency;
  guint     requests_per_minute;
  guint     timeout_seconds;
} Config;

typedef struct
{
  char     *provider;
  char     *base_url;
  char     *model;
  char     *system;
  char     *schema_file;
  int       timeout_seconds;
  int       max_tokens;
  double    temperature;
  gboolean  verbose;
} Options;

/* The async result of whatever the command waits for. */
typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
config_clear (Config *config)
{
  g_free (config->provider);
  g_free (config->base_url);
  g_free (config->model);
  g_free (config->prices);
}

static void
options_clear (Options *options)
{
  g_free (options->provider);
  g_free (options->base_url);
  g_free (options->model);
  g_free (options->system);
  g_free (options->schema_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Config, config_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (int         status,
      const char *message)
{
  g_printerr ("errata-cli llm: %s\n", message);
  return status;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return waiter->result;
}

/* ---- configuration -------------------------------------------------- */

static const char *
default_model (const char *provider)
{
  if (g_str_equal (provider, "openai"))
    return "gpt-4o-mini";
  if (g_str_equal (provider, "anthropic"))
    return "claude-3-5-haiku-latest";
  return ERRATA_LLM_DEFAULT_MODEL;
}

/* The settings, or the built-in defaults (a local Ollama) when the
 * schema is not installed, as when running from the build tree. */
static void
config_load (Config *config)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  config->provider = g_strdup ("ollama");
  config->base_url = g_strdup (ERRATA_LLM_OLLAMA_BASE_URL);
  config->model = g_strdup (ERRATA_LLM_DEFAULT_MODEL);
  config->prices = g_strdup ("");
  config->concurrency = 4;
  config->timeout_seconds = 120;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "llm-prices"))
    return;

  settings = g_settings_new (APP_ID);
  g_free (config->provider);
  g_free (config->base_url);
  g_free (config->model);
  g_free (config->prices);
  config->provider = g_settings_get_string (settings, "llm-provider");
  config->base_url = g_settings_get_string (settings, "llm-base-url");
  config->model = g_settings_get_string (settings, "llm-model");
  config->prices = g_settings_get_string (settings, "llm-prices");
  config->concurrency = g_settings_get_uint (settings, "llm-concurrency");
  config->requests_per_minute = g_settings_get_uint (settings, "llm-requests-per-minute");
  config->timeout_seconds = g_settings_get_uint (settings, "llm-timeout-seconds");
}

/* Command-line options win. A different --provider drops the configured
 * URL and model, which belong to the configured provider. */
static void
config_apply (Config        *config,
              const Options *options)
{
  if (options->provider != NULL && !g_str_equal (options->provider, config->provider))
    {
      g_free (config->provider);
      g_free (config->base_url);
      g_free (config->model);
      config->provider = g_strdup (options->provider);
      config->base_url = g_strdup ("");
      config->model = g_strdup (default_model (config->provider));
    }
  if (options->base_url != NULL)
    {
      g_free (config->base_url);
      config->base_url = g_strdup (options->base_url);
    }
  if (options->model != NULL)
    {
      g_free (config->model);
      config->model = g_strdup (options->model);
    }
  if (options->timeout_seconds > 0)
    config->timeout_seconds = options->timeout_seconds;
}

static char *
lookup_key (const Config       *config,
            ErrataLlmKeySource *source)
{
  Waiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  errata_llm_keys_lookup_async (config->provider, config->base_url, NULL, on_done, &waiter);
  result = wait_for (&waiter);
  return errata_llm_keys_lookup_finish (result, source, NULL);
}

static ErrataLlmClient *
client_new (const Config        *config,
            ErrataLlmKeySource  *key_source,
            GError             **error)
{
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmPrices) prices = errata_llm_prices_new_builtin ();
  g_autoptr(GError) prices_error = NULL;
  g_autofree char *key = NULL;
  ErrataLlmClient *client;

  provider = errata_llm_provider_new_for_name (config->provider, config->base_url,
                                               config->model, error);
  if (provider == NULL)
    return NULL;

  key = lookup_key (config, key_source);
  errata_llm_provider_set_api_key (provider, key);
  provider->concurrency = MAX (config->concurrency, 1);
  provider->requests_per_minute = config->requests_per_minute;
  provider->timeout_seconds = config->timeout_seconds;

  if (!errata_llm_prices_load_json (prices, config->prices, &prices_error))
    g_printerr (_("errata-cli llm: ignoring the llm-prices setting: %s\n"), prices_error->message);

  client = errata_llm_client_new (provider);
  errata_llm_client_set_prices (client, prices);
  return client;
}

static const char *
key_source_name (const Config       *config,
                 ErrataLlmKeySource  source)
{
  switch (source)
    {
    case ERRATA_LLM_KEY_SOURCE_KEYRING:
      return _("from the keyring");
    case ERRATA_LLM_KEY_SOURCE_ENVIRONMENT:
      return errata_llm_keys_env_var (config->provider);
    case ERRATA_LLM_KEY_SOURCE_NONE:
    default:
      return _("none");
    }
}

/* ---- ping -------------------------------------------------------------- */

static ErrataLlmReply *
complete_sync (ErrataLlmClient   *client,
               ErrataLlmRequest  *request,
               GError           **error)
{
  Waiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  errata_llm_client_complete_async (client, request, NULL, on_done, &waiter);
  result = wait_for (&waiter);
  return errata_llm_client_complete_finish (client, result, error);
}

/* Returns FALSE on errors that make a completion pointless. */
static gboolean
print_models (ErrataLlmClient  *client,
              GError          **error)
{
  Waiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) models = NULL;

  errata_llm_client_list_models_async (client, NULL, on_done, &waiter);
  result = wait_for (&waiter);
  models = errata_llm_client_list_models_finish (client, result, &local_error);

  /* Some compatible servers have no model list: the completion decides. */
  if (g_error_matches (local_error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_FAILED) ||
      g_error_matches (local_error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY))
    {
      g_print (_("Models:   (no list: %s)\n"), local_error->message);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_print (_("Models:   %u available\n"), g_strv_length (models));
  for (guint i = 0; models[i] != NULL; i++)
    g_print ("  %s\n", models[i]);
  return TRUE;
}

static int
run_ping (const Config  *config,
          const Options *options)
{
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const ErrataLlmProvider *provider;
  ErrataLlmKeySource key_source;

  client = client_new (config, &key_source, &error);
  if (client == NULL)
    return fail (EXIT_USAGE, error->message);

  provider = errata_llm_client_get_provider (client);
  g_print (_("Provider: %s (%s protocol) at %s\n"), config->provider,
           errata_llm_kind_to_string (provider->kind), provider->base_url);
  g_print (_("API key:  %s\n"), key_source_name (config, key_source));

  if (!print_models (client, &error))
    return fail (EXIT_LLM, error->message);

  request = errata_llm_request_new ();
  errata_llm_request_add_message (request, "user", "Reply with the single word: pong");
  errata_llm_request_set_max_tokens (request, 1);
  reply = complete_sync (client, request, &error);
  if (reply == NULL)
    return fail (EXIT_LLM, error->message);

  g_print (_("Model:    %s answered in %.0f ms\n"), reply->model != NULL && *reply->model
                                                    ? reply->model : provider->model,
           reply->latency_ms);
  return EXIT_OK;
}

/* ---- complete ---------------------------------------------------------- */

static char *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) buffer = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (buffer, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;
  /* NUL-terminate; an empty stream has no data at all. */
  if (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (buffer)) == 0)
    return g_strdup ("");
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (buffer)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (buffer)));
}

static ErrataLlmRequest *
build_request (const Options  *options,
               const char     *prompt,
               GError        **error)
{
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  g_autofree char *schema = NULL;

  errata_llm_request_add_message (request, "user", prompt);
  errata_llm_request_set_system (request, options->system);
  if (options->max_tokens > 0)
    errata_llm_request_set_max_tokens (request, options->max_tokens);
  if (options->temperature >= 0)
    errata_llm_request_set_temperature (request, options->temperature);

  if (options->schema_file != NULL &&
      (!g_file_get_contents (options->schema_file, &schema, NULL, error) ||
       !errata_llm_request_set_schema_json (request, "reply", schema, TRUE, error)))
    return NULL;

  return g_steal_pointer (&request);
}

static void
print_usage_line (ErrataLlmClient      *client,
                  const ErrataLlmReply *reply)
{
  g_printerr (_("model=%s tokens_in=%" G_GINT64_FORMAT " tokens_out=%" G_GINT64_FORMAT
                " cost=$%.6f latency=%.0fms attempts=%u\n"),
              reply->model != NULL && *reply->model ? reply->model
                                                    : errata_llm_client_get_provider (client)->model,
              reply->tokens_in, reply->tokens_out, reply->cost, reply->latency_ms,
              reply->attempts);
}

static int
run_complete (const Config  *config,
              const Options *options)
{
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  ErrataLlmKeySource key_source;

  prompt = read_stdin (&error);
  if (prompt == NULL)
    return fail (EXIT_USAGE, error->message);
  if (*g_strstrip (prompt) == '\0')
    return fail (EXIT_USAGE, _("no prompt: write it to standard input"));

  request = build_request (options, prompt, &error);
  if (request == NULL)
    return fail (EXIT_USAGE, error->message);

  client = client_new (config, &key_source, &error);
  if (client == NULL)
    return fail (EXIT_USAGE, error->message);

  reply = complete_sync (client, request, &error);
  if (reply == NULL)
    return fail (EXIT_LLM, error->message);

  g_print ("%s\n", reply->text);
  if (options->verbose)
    print_usage_line (client, reply);
  return EXIT_OK;
}

/* ---- entry ------------------------------------------------------------- */

static GOptionContext *
option_context_new (const char *command,
                    Options    *options)
{
  const GOptionEntry common[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options->provider,
      N_("ollama, openai, anthropic or custom"), "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options->base_url, N_("The API’s base URL"), "URL" },
    { "model", 0, 0, G_OPTION_ARG_STRING, &options->model, N_("The model name"), "NAME" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout_seconds, N_("Seconds to wait"), "S" },
    { NULL },
  };
  const GOptionEntry complete[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &options->system, N_("A system prompt"), "TEXT" },
    { "schema", 0, 0, G_OPTION_ARG_FILENAME, &options->schema_file,
      N_("Ask for JSON following this JSON Schema"), "FILE" },
    { "max-tokens", 0, 0, G_OPTION_ARG_INT, &options->max_tokens, N_("Longest reply"), "N" },
    { "temperature", 0, 0, G_OPTION_ARG_DOUBLE, &options->temperature, N_("Sampling temperature"), "T" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose,
      N_("Print tokens, cost and latency on standard error"), NULL },
    { NULL },
  };
  g_autofree char *parameter = g_strdup_printf ("llm %s", command);
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (g_str_equal (command, "complete"))
    {
      g_option_context_add_main_entries (context, complete, GETTEXT_PACKAGE);
      g_option_context_set_summary (context, _("Sends standard input as the prompt and "
                                               "prints the reply."));
    }
  else
    g_option_context_set_summary (context, _("Lists the provider’s models and asks the "
                                             "model for one token."));
  return context;
}

static int
usage (void)
{
  return fail (EXIT_USAGE, _("usage: errata-cli llm ping|complete [--provider P] "
                             "[--base-url URL] [--model M] (see --help)"));
}

int
errata_cli_llm (int    argc,
                char **argv)
{
  g_auto(Options) options = { NULL, .temperature = -1 };
  g_auto(Config) config = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *command;

  if (argc > 0 && g_str_equal (argv[0], "llm"))
    argc--, argv++;
  if (argc < 1 || !(g_str_equal (argv[0], "ping") || g_str_equal (argv[0], "complete")))
    return usage ();

  command = argv[0];
  args = g_strdupv (argv);
  context = option_context_new (command, &options);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (EXIT_USAGE, error->message);
  if (g_strv_length (args) > 1)
    return usage ();

  config_load (&config);
  config_apply (&config, &options);

  if (g_str_equal (command, "ping"))
    return run_ping (&config, &options);
  return run_complete (&config, &options);
}
