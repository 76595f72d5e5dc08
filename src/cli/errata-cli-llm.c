/* errata-cli-llm.c: `errata-cli llm ping` checks that the configured
 * provider answers; `errata-cli llm complete` sends stdin as a prompt and
 * prints the reply. The provider is built by the core's
 * errata-llm-settings from the GUI's llm-* settings (options on the
 * command line win), the key comes from the keyring or OPENAI_API_KEY /
 * ANTHROPIC_API_KEY.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-llm.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <unistd.h>

#include "errata-llm-client.h"
#include "errata-llm-keys.h"
#include "errata-llm-settings.h"

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
options_clear (Options *options)
{
  g_free (options->provider);
  g_free (options->base_url);
  g_free (options->model);
  g_free (options->system);
  g_free (options->schema_file);
}

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

/* The configuration is the GUI's: the llm-* settings, read by the core's
 * errata-llm-settings like everywhere else. Options on the command line
 * change a delayed copy, which is never applied, so a run never changes
 * the user's settings. */
static GSettings *
settings_load (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "llm-prices"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_delay (settings);
  return settings;
}

/* Command-line options win. A different --provider drops the configured
 * URL and model, which belong to the configured provider. */
static void
settings_apply (GSettings     *settings,
                const Options *options)
{
  g_autofree char *configured = g_settings_get_string (settings, "llm-provider");

  if (options->provider != NULL && !g_str_equal (options->provider, configured))
    {
      g_settings_set_string (settings, "llm-provider", options->provider);
      g_settings_set_string (settings, "llm-base-url", "");
      g_settings_set_string (settings, "llm-model",
                             errata_llm_settings_default_model (options->provider));
    }
  if (options->base_url != NULL)
    g_settings_set_string (settings, "llm-base-url", options->base_url);
  if (options->model != NULL)
    g_settings_set_string (settings, "llm-model", options->model);
  if (options->timeout_seconds > 0)
    g_settings_set_uint (settings, "llm-timeout-seconds", options->timeout_seconds);
}

/* Without the schema (running from the build tree), the settings'
 * defaults: a local Ollama, or the named provider's default model. */
static ErrataLlmProvider *
provider_from_defaults (const Options  *options,
                        const char     *api_key,
                        GError        **error)
{
  const char *name = options->provider ? options->provider : errata_llm_settings_provider_at (0);
  ErrataLlmProvider *provider;

  provider = errata_llm_provider_new_for_name (name, options->base_url ? options->base_url : "",
                                               options->model ? options->model
                                                              : errata_llm_settings_default_model (name),
                                               error);
  if (provider == NULL)
    return NULL;
  errata_llm_provider_set_api_key (provider, api_key);
  if (options->timeout_seconds > 0)
    provider->timeout_seconds = options->timeout_seconds;
  return provider;
}

static char *
lookup_key (const char         *name,
            const char         *base_url,
            ErrataLlmKeySource *source)
{
  Waiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  errata_llm_keys_lookup_async (name, base_url, NULL, on_done, &waiter);
  result = wait_for (&waiter);
  return errata_llm_keys_lookup_finish (result, source, NULL);
}

/* The provider's name and the URL its key is stored under. */
static void
get_provider_name (GSettings      *settings,
                   const Options  *options,
                   char          **name,
                   char          **base_url)
{
  if (settings == NULL)
    {
      *name = g_strdup (options->provider ? options->provider : errata_llm_settings_provider_at (0));
      *base_url = g_strdup (options->base_url ? options->base_url : "");
      return;
    }
  *name = g_settings_get_string (settings, "llm-provider");
  *base_url = g_strstrip (g_settings_get_string (settings, "llm-base-url"));
}

static gboolean
is_known_provider (const char *name)
{
  guint index = errata_llm_settings_provider_index (name);

  return g_strcmp0 (errata_llm_settings_provider_at (index), name) == 0;
}

static ErrataLlmClient *
client_new (const Options       *options,
            char               **provider_name,
            ErrataLlmKeySource  *key_source,
            GError             **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmPrices) prices = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *key = NULL;
  ErrataLlmClient *client;

  /* An unknown --provider cannot go into the settings (they list the
   * names); the defaults' path refuses it with the provider's message. */
  if (options->provider == NULL || is_known_provider (options->provider))
    settings = settings_load ();
  if (settings != NULL)
    settings_apply (settings, options);
  get_provider_name (settings, options, provider_name, &base_url);
  key = lookup_key (*provider_name, base_url, key_source);
  if (settings != NULL)
    provider = errata_llm_settings_build_provider (settings, key, error);
  else
    provider = provider_from_defaults (options, key, error);
  if (provider == NULL)
    return NULL;

  prices = settings ? errata_llm_settings_load_prices (settings) : errata_llm_prices_new_builtin ();
  client = errata_llm_client_new (provider);
  errata_llm_client_set_prices (client, prices);
  return client;
}

/* The client the evaluators' judges use: the configured provider, with
 * the command line's overrides (any may be NULL). */
ErrataLlmClient *
errata_cli_llm_client_new (const char  *provider,
                           const char  *base_url,
                           const char  *model,
                           GError     **error)
{
  g_auto(Options) options = { NULL, };
  g_autofree char *provider_name = NULL;
  ErrataLlmKeySource key_source;

  options.provider = g_strdup (provider);
  options.base_url = g_strdup (base_url);
  options.model = g_strdup (model);
  return client_new (&options, &provider_name, &key_source, error);
}

static const char *
key_source_name (const char         *provider,
                 ErrataLlmKeySource  source)
{
  switch (source)
    {
    case ERRATA_LLM_KEY_SOURCE_KEYRING:
      return _("from the keyring");
    case ERRATA_LLM_KEY_SOURCE_ENVIRONMENT:
      return errata_llm_keys_env_var (provider);
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
run_ping (const Options *options)
{
  g_autofree char *name = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const ErrataLlmProvider *provider;
  ErrataLlmKeySource key_source;

  client = client_new (options, &name, &key_source, &error);
  if (client == NULL)
    return fail (EXIT_USAGE, error->message);

  provider = errata_llm_client_get_provider (client);
  g_print (_("Provider: %s (%s protocol) at %s\n"), name,
           errata_llm_kind_to_string (provider->kind), provider->base_url);
  g_print (_("API key:  %s\n"), key_source_name (name, key_source));

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
  g_printerr (_("model=%s tokens_in=%" PRId64 " tokens_out=%" PRId64
                " cost=$%.6f latency=%.0fms attempts=%u\n"),
              reply->model != NULL && *reply->model ? reply->model
                                                    : errata_llm_client_get_provider (client)->model,
              reply->tokens_in, reply->tokens_out, reply->cost, reply->latency_ms,
              reply->attempts);
}

static int
run_complete (const Options *options)
{
  g_autofree char *name = NULL;
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

  client = client_new (options, &name, &key_source, &error);
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
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *command;

  if (argc > 0 && g_str_equal (argv[0], "llm"))
    argc--, argv++;
  /* "errata-cli llm --help" asks for help, not a mistake: exit 0. */
  if (argc >= 1 && (g_str_equal (argv[0], "--help") || g_str_equal (argv[0], "-h")))
    {
      g_print ("%s\n\n  ping      %s\n  complete  %s\n\n%s\n",
               _("Usage: errata-cli llm ping|complete [--provider P] [--base-url URL] [--model M]"),
               _("Check that the provider answers"),
               _("Send a prompt (standard input) and print the reply"),
               _("Run “errata-cli llm ping --help” for the options."));
      return EXIT_OK;
    }
  if (argc < 1 || !(g_str_equal (argv[0], "ping") || g_str_equal (argv[0], "complete")))
    return usage ();

  command = argv[0];
  args = g_strdupv (argv);
  context = option_context_new (command, &options);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (EXIT_USAGE, error->message);
  if (g_strv_length (args) > 1)
    return usage ();

  if (g_str_equal (command, "ping"))
    return run_ping (&options);
  return run_complete (&options);
}
