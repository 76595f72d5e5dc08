/* errata-llm-error-words.c
 *
 * Test Connection and Suggest Groupings once said different things for
 * the same stopped Ollama server: one a parser-like "Could not connect:
 * Connection refused", the other "is it running? ollama serve". Both now
 * ask this file, which knows the provider's base URL and so can name the
 * server and the command that starts it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-error-words.h"
#include "errata-llm-error.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#define OLLAMA_PORT 11434

typedef enum
{
  SERVER_OLLAMA,
  SERVER_LOCAL,
  SERVER_OPENAI,
  SERVER_ANTHROPIC,
  SERVER_REMOTE,
} ServerKind;

static ServerKind
server_kind (const char *base_url)
{
  g_autoptr(GUri) uri = base_url ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return SERVER_REMOTE;
  if (g_uri_get_port (uri) == OLLAMA_PORT)
    return SERVER_OLLAMA;
  if (g_str_equal (host, "api.openai.com"))
    return SERVER_OPENAI;
  if (g_str_equal (host, "api.anthropic.com"))
    return SERVER_ANTHROPIC;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_prefix (host, "127.")
      || g_str_equal (host, "::1") || g_str_equal (host, "[::1]"))
    return SERVER_LOCAL;
  return SERVER_REMOTE;
}

GError *
errata_llm_error_new_unreachable (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  if (server_kind (base_url) == SERVER_OLLAMA)
    return g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                        /* Translators: %s is a base URL such as http://localhost:11434/v1;
                         * “ollama serve” is a command: keep it. */
                        _("Could not reach Ollama at %s: nothing is listening there. Is Ollama "
                          "running? Start it with “ollama serve”, or choose another provider "
                          "in Preferences."), base_url);
  return g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                      /* Translators: %s is a base URL; “ollama serve” is a command. */
                      _("Could not reach %s: nothing is listening there. Is the server running? "
                        "Start it (for Ollama: “ollama serve”), or check the base URL in "
                        "Preferences."), base_url);
}

static gboolean
is_unreachable (const GError            *error,
                const ErrataLlmProvider *provider)
{
  g_autoptr(GError) unreachable = NULL;

  if (provider == NULL || provider->base_url == NULL)
    return FALSE;
  unreachable = errata_llm_error_new_unreachable (provider->base_url);
  return g_str_equal (error->message, unreachable->message);
}

/* The variable Errata reads the key from for this provider, or NULL. */
static const char *
env_var_for (const ErrataLlmProvider *provider)
{
  switch (server_kind (provider ? provider->base_url : NULL))
    {
    case SERVER_OPENAI:
      return "OPENAI_API_KEY";
    case SERVER_ANTHROPIC:
      return "ANTHROPIC_API_KEY";
    case SERVER_OLLAMA:
    case SERVER_LOCAL:
    case SERVER_REMOTE:
    default:
      return NULL;
    }
}

static gboolean
has_key (const ErrataLlmProvider *provider)
{
  return provider != NULL && provider->api_key != NULL && *provider->api_key != '\0';
}

static char *
missing_key_words (const ErrataLlmProvider *provider)
{
  /* Translators: %s is OPENAI_API_KEY or ANTHROPIC_API_KEY. */
  return g_strdup_printf (_("No API key is set. Type one under API Key in Preferences and press Enter, or set "
                            "%s in the environment before starting Errata."),
                          env_var_for (provider));
}

GError *
errata_llm_error_check_key (const ErrataLlmProvider *provider)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (provider != NULL, NULL);

  if (has_key (provider) || env_var_for (provider) == NULL)
    return NULL;
  words = missing_key_words (provider);
  return g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH, words);
}

static const char *
headline_for (const GError *error)
{
  switch ((ErrataLlmError) error->code)
    {
    case ERRATA_LLM_ERROR_AUTH:
      return _("The server refused the API key: check it in Preferences.");
    case ERRATA_LLM_ERROR_QUOTA:
      return _("The account has no quota or credit left: retrying cannot help until it has.");
    case ERRATA_LLM_ERROR_RATE_LIMITED:
      return _("The server limits how fast it is asked: wait a minute and retry, or lower the "
               "requests per minute in Preferences.");
    case ERRATA_LLM_ERROR_SERVER:
      return _("The server had an error of its own: retry in a while.");
    case ERRATA_LLM_ERROR_TIMEOUT:
      return _("The server did not answer in time.");
    case ERRATA_LLM_ERROR_BAD_REPLY:
      return _("The model’s reply could not be understood.");
    case ERRATA_LLM_ERROR_CANCELLED:
      return _("Cancelled.");
    case ERRATA_LLM_ERROR_NETWORK:
    case ERRATA_LLM_ERROR_FAILED:
    default:
      return _("The request failed.");
    }
}

char *
errata_llm_error_to_words (const GError            *error,
                           const ErrataLlmProvider *provider)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != ERRATA_LLM_ERROR)
    return errata_llm_keyring_error_to_words (error);
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH) && !has_key (provider)
      && env_var_for (provider) != NULL)
    return missing_key_words (provider);
  if (!g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK))
    return g_strdup_printf ("%s\n%s", headline_for (error), error->message);

  /* A refused connection has its words already, whichever request met
   * it; another network failure (a name that does not resolve, TLS)
   * keeps its reason under a line that says what to check. */
  if (is_unreachable (error, provider))
    return g_strdup (error->message);
  return g_strdup_printf ("%s\n%s",
                          _("Could not reach the server. Check the network connection and "
                            "the base URL in Preferences."), error->message);
}

char *
errata_llm_keyring_error_to_words (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* Translators: %s is the keyring's own reason. OPENAI_API_KEY and
   * ANTHROPIC_API_KEY are environment variables: keep them. */
  return g_strdup_printf (_("The keyring could not be reached (%s). Errata reads the key from "
                            "OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead: "
                            "set it before starting Errata."), error->message);
}

gboolean
errata_llm_error_can_retry (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return !g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED)
         && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
